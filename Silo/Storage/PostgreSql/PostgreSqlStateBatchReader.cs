using Npgsql;
using PaySim.Silo.Storage.Ado;
using PaySim.Silo.Storage.GroupCommit;

namespace PaySim.Silo.Storage.PostgreSql;

/// <summary>Reads many state rows with one statement: the keys travel as arrays and come back numbered.</summary>
internal sealed class PostgreSqlStateBatchReader(NpgsqlDataSource dataSource) : IStateBatchReader
{
    private const string Sql = """
        SELECT wanted.ordinal, state.payload, state.version
        FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS wanted(grain_type, grain_id, state_name, ordinal)
        JOIN grain_state AS state
          ON state.grain_type = wanted.grain_type AND state.grain_id = wanted.grain_id AND state.state_name = wanted.state_name
        """;

    public async Task<GrainStateRecord?[]> ReadAsync(IReadOnlyList<StateKey> keys, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(key => key.GrainId.Type)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(key => key.GrainId.Key)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(key => key.StateName)] });

        var records = new GrainStateRecord?[keys.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var payload = reader.IsDBNull(1) ? null : reader.GetString(1);
            records[reader.GetInt64(0) - 1] = new GrainStateRecord(payload, StorageEtag.Format(reader.GetInt64(2)));
        }

        return records;
    }
}
