using System.Data;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;
using PaySim.Silo.AdoNet;
using PaySim.Silo.Storage.Ado;
using PaySim.Silo.Storage.PostgreSql;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.AdoNet;

/// <summary>
/// PaySim's migrations for Orleans' stock ADO.NET clustering and grain storage, on a real PostgreSQL, used by the
/// real Orleans 10.4.2 providers: a silo, a client, the membership table and the grain storage.
/// </summary>
public sealed class OrleansAdoNetSchemaTests
{
    // Every ADO.NET option must name Npgsql: grain storage would otherwise default to SQL Server's invariant.
    private const string Invariant = "Npgsql";
    private const string ServiceId = "paysim-adonet-probe";
    private const string StorageName = "store";

    // The statement key the 10.4.2 clustering provider looks up by name but does not insist on (see
    // OrleansAdoNetSchema.CleanupDefunctSiloEntry); the required ones are read from the provider itself below.
    private const string OptionalClusteringKey = "CleanupDefunctSiloEntryKey";

    // Grain storage reads this key only when DeleteStateOnClear is true, which PaySim leaves false.
    private const string OptionalStorageKey = "DeleteStorageKey";

    // The very list a PostgreSQL store applies at start-up.
    private static readonly IReadOnlyList<SchemaMigration> AllMigrations = PostgreSqlStorageProvider.Migrations;

    [Fact]
    public async Task Migrations_AppliedTwice_TheSecondRunChangesNothing()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        await ApplyAllMigrationsAsync(database.ConnectionString);
        var afterFirstRun = await DescribeSchemaAsync(database.ConnectionString);
        await ApplyAllMigrationsAsync(database.ConnectionString);
        var afterSecondRun = await DescribeSchemaAsync(database.ConnectionString);

        Assert.Equal(afterFirstRun, afterSecondRun);
        Assert.Equal(
            ["1 grain_state", "2 grain_journal", "3 reminders", "4 reminders for Orleans", "5 orleans_clustering", "6 orleans_persistence",
                "7 states with a movement in flight", "8 marks for movements stored in flight before 7"],
            await ReadStringsAsync(database.ConnectionString,
                "SELECT version || ' ' || description FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task OrleansQuery_HoldsEveryKeyTheClusteringGatewayAndStorageProvidersAskFor()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ApplyAllMigrationsAsync(database.ConnectionString);

        // The clustering provider (silo and client, whose gateway list uses the same class) refuses to start unless
        // every property of its internal DbStoredQueries has a row; this reads that list from the 10.4.2 binary.
        var storedQueries = typeof(AdoNetClusteringSiloOptions).Assembly
            .GetType("Orleans.Clustering.AdoNet.Storage.DbStoredQueries", throwOnError: true)!;
        var clusteringKeys = storedQueries.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(property => property.Name)
            .ToList();
        Assert.Contains("CleanupDefunctSiloEntriesKey", clusteringKeys);
        Assert.Contains("GatewaysQueryKey", clusteringKeys);

        // Grain storage reads the keys named in its initialisation query.
        var storageKeys = Regex.Matches(AdoNetGrainStorage.DefaultInitializationQuery, "'([A-Za-z]+Key)'")
            .Select(match => match.Groups[1].Value)
            .Where(key => key != OptionalStorageKey)
            .ToList();
        Assert.Equal(["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey"], storageKeys);

        var stored = await ReadStringsAsync(database.ConnectionString, "SELECT QueryKey FROM OrleansQuery");
        Assert.All(clusteringKeys.Concat(storageKeys).Append(OptionalClusteringKey), key => Assert.Contains(key, stored));
    }

    [Fact]
    public async Task Silo_OnTheSchema_KeepsAGrainsStateAcrossDeactivation()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ApplyAllMigrationsAsync(database.ConnectionString);
        var cluster = $"cluster-{Guid.NewGuid():N}";
        using var silo = await StartSiloAsync(database.ConnectionString, cluster);
        try
        {
            var grain = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAdoNetProbeGrain>("probe");
            var fresh = await grain.ReadAsync();
            Assert.Null(fresh.Text);
            Assert.Null(fresh.Etag);
            Assert.False(fresh.RecordExists);

            await grain.WriteAsync("first");
            await grain.WriteAsync("second");
            await grain.DeactivateAsync();
            var reactivated = await grain.ReadAsync();

            Assert.NotEqual(fresh.ActivationId, reactivated.ActivationId);
            Assert.Equal(("second", "2", true), (reactivated.Text, reactivated.Etag, reactivated.RecordExists));
            Assert.Equal(2L, await ScalarAsync<long>(database.ConnectionString,
                "SELECT Version FROM OrleansStorage WHERE GrainIdExtensionString = 'probe'"));

            // Clearing keeps the row and its version, so a later write is still checked against it.
            await grain.ClearAsync();
            await grain.DeactivateAsync();
            var cleared = await grain.ReadAsync();
            Assert.Null(cleared.Text);
            Assert.Equal("3", cleared.Etag);
            Assert.False(cleared.RecordExists);
            await grain.WriteAsync("after clearing");
            Assert.Equal("4", (await grain.ReadAsync()).Etag);

            Assert.Equal(1L, await ScalarAsync<long>(database.ConnectionString,
                $"SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = '{cluster}' AND Status = 3"));
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task Client_WithAdoNetClustering_FindsTheSiloThroughTheTableAndCallsAGrain()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ApplyAllMigrationsAsync(database.ConnectionString);
        var cluster = $"cluster-{Guid.NewGuid():N}";
        using var silo = await StartSiloAsync(database.ConnectionString, cluster);
        try
        {
            using var client = new HostBuilder()
                .UseOrleansClient(builder => builder
                    .Configure<ClusterOptions>(options =>
                    {
                        options.ClusterId = cluster;
                        options.ServiceId = ServiceId;
                    })
                    .UseAdoNetClustering(options =>
                    {
                        options.Invariant = Invariant;
                        options.ConnectionString = database.ConnectionString;
                    }))
                .Build();
            await client.StartAsync();
            try
            {
                var grain = client.Services.GetRequiredService<IClusterClient>().GetGrain<IAdoNetProbeGrain>("from-client");
                await grain.WriteAsync("hello from the client");

                Assert.Equal("hello from the client", (await grain.ReadAsync()).Text);
            }
            finally
            {
                await client.StopAsync();
            }
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task GrainStorage_ConcurrentFirstWritesOfOneState_ExactlyOneWins()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ApplyAllMigrationsAsync(database.ConnectionString);
        using var silo = await StartSiloAsync(database.ConnectionString, $"cluster-{Guid.NewGuid():N}");
        try
        {
            var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);
            for (var round = 0; round < 5; round++)
            {
                var key = $"race-{round}";
                var grainId = GrainId.Create("adonetprobe", key);
                var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
                {
                    await start.Task;
                    var state = new GrainState<AdoNetProbeState>(new AdoNetProbeState { Text = $"writer {writer}" });
                    try
                    {
                        await storage.WriteStateAsync("s", grainId, state);
                        return state.ETag;
                    }
                    catch (InconsistentStateException)
                    {
                        return null;
                    }
                })).ToList();

                start.SetResult();
                var etags = await Task.WhenAll(writers);

                Assert.Equal("1", Assert.Single(etags, etag => etag is not null));
                Assert.Equal(1L, await ScalarAsync<long>(database.ConnectionString,
                    $"SELECT count(*) FROM OrleansStorage WHERE GrainIdExtensionString = '{key}'"));
            }
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteQuery_SecondOfTwoConcurrentFirstWrites_WaitsAndWinsOnlyIfTheFirstRollsBack(bool firstCommits)
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ApplyAllMigrationsAsync(database.ConnectionString);
        var write = await ReadQueryAsync(database.ConnectionString, "WriteToStorageKey");

        await using var first = await OpenAsync(database.ConnectionString);
        await using var transaction = await first.BeginTransactionAsync();
        Assert.Equal([1L], await RunStorageQueryAsync(first, transaction, write, version: null, "first"));

        await using var second = await OpenAsync(database.ConnectionString);
        var secondWrite = RunStorageQueryAsync(second, transaction: null, write, version: null, "second");
        await WaitUntilWaitingForALockAsync(database.ConnectionString, second.ProcessID);
        if (firstCommits)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        // No row is what the provider turns into InconsistentStateException.
        Assert.Equal(firstCommits ? [] : [1L], await secondWrite);
        Assert.Equal([firstCommits ? "first" : "second"], await ReadStringsAsync(database.ConnectionString,
            "SELECT convert_from(PayloadBinary, 'UTF8') FROM OrleansStorage"));
    }

    [Fact]
    public async Task StorageTable_HoldsBigintVersions_ButTheStockQueriesStopAtTheProvidersInt32Limit()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ApplyAllMigrationsAsync(database.ConnectionString);
        Assert.Equal("bigint", await ScalarAsync<string>(database.ConnectionString,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orleansstorage' AND column_name = 'version'"));
        var write = await ReadQueryAsync(database.ConnectionString, "WriteToStorageKey");
        var clear = await ReadQueryAsync(database.ConnectionString, "ClearStorageKey");
        await using var connection = await OpenAsync(database.ConnectionString);
        Assert.Equal([1L], await RunStorageQueryAsync(connection, null, write, version: null, "kept"));

        await ExecuteAsync(database.ConnectionString, $"UPDATE OrleansStorage SET Version = {int.MaxValue}");

        // The provider could not parse version 2^31 back, so neither statement may commit it.
        Assert.Empty(await RunStorageQueryAsync(connection, null, write, int.MaxValue, "lost"));
        Assert.Empty(await RunStorageQueryAsync(connection, null, clear, int.MaxValue, payload: null));
        Assert.Equal(["kept"], await ReadStringsAsync(database.ConnectionString,
            "SELECT convert_from(PayloadBinary, 'UTF8') FROM OrleansStorage"));
        Assert.Equal((long)int.MaxValue, await ScalarAsync<long>(database.ConnectionString, "SELECT Version FROM OrleansStorage"));

        // The column itself takes 64-bit versions, for a provider that exchanges them.
        await ExecuteAsync(database.ConnectionString, "UPDATE OrleansStorage SET Version = 5000000000");
        Assert.Equal(5_000_000_000L, await ScalarAsync<long>(database.ConnectionString, "SELECT Version FROM OrleansStorage"));
    }

    [Fact]
    public async Task MembershipTable_ThroughTheProvider_FollowsTheVersionProtocolAndCleansUp()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ApplyAllMigrationsAsync(database.ConnectionString);
        var cluster = $"cluster-{Guid.NewGuid():N}";
        var table = NewMembershipTable(database.ConnectionString, cluster);
        var now = ToMicroseconds(DateTime.UtcNow);

        // Every silo initialises the table; the second finds the version row there.
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        var empty = await table.ReadAllAsync(CancellationToken.None);
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        // An insert needs the current version, and a silo's row goes in once.
        var active = Entry(11111, SiloStatus.Active, now);
        Assert.True(await table.InsertRowAsync(active, empty.Version.Next(), CancellationToken.None));
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Active, now), empty.Version.Next(), CancellationToken.None));
        var one = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(1, one.Version.Version);
        Assert.False(await table.InsertRowAsync(active, one.Version.Next(), CancellationToken.None));
        Assert.Equal(1, (await table.ReadAllAsync(CancellationToken.None)).Version.Version);
        var stored = Assert.Single(one.Members).Item1;
        Assert.Equal(
            (active.SiloAddress, active.SiloName, active.HostName, active.Status, active.ProxyPort, active.StartTime, active.IAmAliveTime),
            (stored.SiloAddress, stored.SiloName, stored.HostName, stored.Status, stored.ProxyPort, stored.StartTime, stored.IAmAliveTime));

        // So does an update, and an update of a row that is not there leaves the version alone. (10.4.2 gives every
        // row the table's version as its ETag and sends an update to the database only when the two agree.)
        var rowEtag = Assert.Single(one.Members).Item2;
        Assert.Equal(one.Version.VersionEtag, rowEtag);
        active.SuspectTimes = [Tuple.Create(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 33333), 1), now)];
        Assert.True(await table.UpdateRowAsync(active, rowEtag, one.Version.Next(), CancellationToken.None));
        Assert.False(await table.UpdateRowAsync(active, rowEtag, one.Version.Next(), CancellationToken.None));
        var two = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(2, two.Version.Version);
        var absent = Entry(44444, SiloStatus.Active, now);
        Assert.False(await table.UpdateRowAsync(absent, two.Version.VersionEtag, two.Version.Next(), CancellationToken.None));
        Assert.Equal(2, (await table.ReadAllAsync(CancellationToken.None)).Version.Version);
        Assert.Empty((await table.ReadRowAsync(absent.SiloAddress, CancellationToken.None)).Members);
        Assert.Single(Assert.Single((await table.ReadRowAsync(active.SiloAddress, CancellationToken.None)).Members).Item1.SuspectTimes ?? []);

        // The heartbeat moves the liveness time, not the version.
        active.IAmAliveTime = now.AddSeconds(5);
        await table.UpdateIAmAliveAsync(active, CancellationToken.None);
        var heartbeat = await table.ReadRowAsync(active.SiloAddress, CancellationToken.None);
        Assert.Equal(now.AddSeconds(5), Assert.Single(heartbeat.Members).Item1.IAmAliveTime);
        Assert.Equal(2, heartbeat.Version.Version);

        // With CleanupDefunctSiloEntryKey present, 10.4.2 removes old Dead rows one by one and nothing else...
        var longAgo = now.AddHours(-1);
        Assert.True(await table.InsertRowAsync(Entry(55555, SiloStatus.Dead, longAgo), heartbeat.Version.Next(), CancellationToken.None));
        Assert.True(await table.InsertRowAsync(Entry(60000, SiloStatus.Joining, longAgo), (await table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(now.AddMinutes(-1)), CancellationToken.None);
        Assert.Equal([11111, 60000], await MemberPortsAsync(table));

        // ...while the bulk statement, which it runs only without that key, removes every old row that is not Active.
        await using (var connection = await OpenAsync(database.ConnectionString))
        await using (var bulk = new NpgsqlCommand(await ReadQueryAsync(database.ConnectionString, "CleanupDefunctSiloEntriesKey"), connection))
        {
            bulk.Parameters.Add(new NpgsqlParameter("DeploymentId", DbType.String) { Value = cluster });
            bulk.Parameters.Add(new NpgsqlParameter("IAmAliveTime", DbType.DateTime) { Value = now.AddMinutes(-1) });
            Assert.Equal(1, await bulk.ExecuteNonQueryAsync());
        }

        Assert.Equal([11111], await MemberPortsAsync(table));

        await table.DeleteMembershipTableEntriesAsync(cluster, CancellationToken.None);
        Assert.Equal(0L, await ScalarAsync<long>(database.ConnectionString,
            $"SELECT (SELECT count(*) FROM OrleansMembershipTable) + (SELECT count(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = '{cluster}')"));
    }

    private static async Task ApplyAllMigrationsAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await SchemaMigrator.ApplyAsync(connection, AllMigrations, PostgreSqlSchema.LockSql, CancellationToken.None);
    }

    private static async Task<IHost> StartSiloAsync(string connectionString, string cluster)
    {
        var (siloPort, gatewayPort) = FreeLoopbackPorts();
        var host = new HostBuilder()
            .UseOrleans(builder => builder
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = cluster;
                    options.ServiceId = ServiceId;
                })
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
                .UseAdoNetClustering(options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = connectionString;
                })
                .AddAdoNetGrainStorage(StorageName, options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = connectionString;
                }))
            .Build();
        await host.StartAsync();
        return host;
    }

    // Both listeners stay open until both ports are known, so the two ports differ.
    private static (int SiloPort, int GatewayPort) FreeLoopbackPorts()
    {
        var silo = new TcpListener(IPAddress.Loopback, 0);
        var gateway = new TcpListener(IPAddress.Loopback, 0);
        silo.Start();
        gateway.Start();
        try
        {
            return (((IPEndPoint)silo.LocalEndpoint).Port, ((IPEndPoint)gateway.LocalEndpoint).Port);
        }
        finally
        {
            silo.Stop();
            gateway.Stop();
        }
    }

    private static AdoNetClusteringTable NewMembershipTable(string connectionString, string cluster) =>
        new(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = cluster, ServiceId = ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = Invariant, ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime time) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1),
        SiloName = $"silo-{port}",
        HostName = "localhost",
        Status = status,
        ProxyPort = port + 1,
        StartTime = time,
        IAmAliveTime = time,
    };

    private static async Task<List<int>> MemberPortsAsync(IMembershipTable table) =>
        [.. (await table.ReadAllAsync(CancellationToken.None)).Members.Select(member => member.Item1.SiloAddress.Endpoint.Port).Order()];

    // PostgreSQL keeps microseconds; a DateTime has 100 ns ticks.
    private static DateTime ToMicroseconds(DateTime time) => new(time.Ticks - time.Ticks % 10, DateTimeKind.Utc);

    /// <summary>
    /// Runs a grain storage statement with the parameters the stock provider binds, under the same names and types
    /// (Orleans' DbExtensions map int to Int32, long to Int64, string to String and byte[] to Binary), and returns
    /// the NewGrainStateVersion of every row it answers.
    /// </summary>
    private static async Task<List<long>> RunStorageQueryAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, int? version, string? payload)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("GrainIdHash", DbType.Int32) { Value = 12345 });
        command.Parameters.Add(new NpgsqlParameter("GrainIdN0", DbType.Int64) { Value = 0L });
        command.Parameters.Add(new NpgsqlParameter("GrainIdN1", DbType.Int64) { Value = 0L });
        command.Parameters.Add(new NpgsqlParameter("GrainTypeHash", DbType.Int32) { Value = 678 });
        command.Parameters.Add(new NpgsqlParameter("GrainTypeString", DbType.String) { Value = "adonetprobe" });
        command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", DbType.String) { Value = "race" });
        command.Parameters.Add(new NpgsqlParameter("ServiceId", DbType.String) { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", DbType.Int32) { Value = (object?)version ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("PayloadBinary", DbType.Binary)
        {
            Value = payload is null ? DBNull.Value : Encoding.UTF8.GetBytes(payload),
        });
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<long>();
        while (await reader.ReadAsync())
        {
            versions.Add(Convert.ToInt64(reader.GetValue(reader.GetOrdinal("NewGrainStateVersion"))));
        }

        return versions;
    }

    private static async Task WaitUntilWaitingForALockAsync(string connectionString, int processId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync<string>(connectionString,
                   $"SELECT coalesce(wait_event_type, '') FROM pg_stat_activity WHERE pid = {processId}") != "Lock")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Session {processId} never waited for a lock.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Tables, columns, constraints, indexes, stored statements and applied migrations, one line each.</summary>
    private static async Task<List<string>> DescribeSchemaAsync(string connectionString) =>
    [
        .. await ReadStringsAsync(connectionString, """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """),
        .. await ReadStringsAsync(connectionString, """
            SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1
            """),
        .. await ReadStringsAsync(connectionString,
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"),
        .. await ReadStringsAsync(connectionString,
            "SELECT QueryKey || ' ' || md5(QueryText) FROM OrleansQuery ORDER BY QueryKey"),
        .. await ReadStringsAsync(connectionString,
            "SELECT version || ' ' || description FROM schema_migrations ORDER BY version"),
    ];

    private static async Task<string> ReadQueryAsync(string connectionString, string key)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ReadStringsAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
