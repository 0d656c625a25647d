using Npgsql;

namespace PaySim.Tests.TestingHost;

/// <summary>
/// A fresh, uniquely named database on the throwaway server named by <c>PAYSIM_TEST_POSTGRES</c>, dropped on
/// dispose. Without that variable it throws: a PostgreSQL test must fail, never skip silently.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "PAYSIM_TEST_POSTGRES";

    private readonly string _serverConnectionString;

    private PostgresTestDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>Connects to this database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set, so the PostgreSQL tests cannot run. Run the tests with `bash deploy/test.sh` "
                + "(it starts a throwaway PostgreSQL and sets the variable), or set it to a connection string of a "
                + "throwaway server on which the tests may create and drop databases.");
        }

        var database = new PostgresTestDatabase(server, $"paysim_test_{Guid.NewGuid():N}");
        await database.ExecuteOnServerAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE ends any session a test leaked, so a failing test cannot leave its database behind.
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
