namespace PaySim.Tests.Silo.Storage;

public sealed class SqliteDurableSiloTests(SqliteStoreFixture store) : DurableSiloContractTests(store), IClassFixture<SqliteStoreFixture>;
