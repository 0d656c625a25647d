namespace PaySim.Tests.Silo.Storage;

public sealed class PostgreSqlGrainStorageTests(PostgreSqlStoreFixture store) : GrainStorageContractTests(store), IClassFixture<PostgreSqlStoreFixture>;
