namespace PaySim.Tests.Silo.Storage;

public sealed class SqliteGrainStorageTests(SqliteStoreFixture store) : GrainStorageContractTests(store), IClassFixture<SqliteStoreFixture>;
