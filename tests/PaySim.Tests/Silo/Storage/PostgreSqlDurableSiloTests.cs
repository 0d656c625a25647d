namespace PaySim.Tests.Silo.Storage;

public sealed class PostgreSqlDurableSiloTests(PostgreSqlStoreFixture store) : DurableSiloContractTests(store), IClassFixture<PostgreSqlStoreFixture>;
