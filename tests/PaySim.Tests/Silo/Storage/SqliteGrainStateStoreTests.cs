namespace PaySim.Tests.Silo.Storage;

public sealed class SqliteGrainStateStoreTests(SqliteStoreFixture store) : GrainStateStoreContractTests(store), IClassFixture<SqliteStoreFixture>;
