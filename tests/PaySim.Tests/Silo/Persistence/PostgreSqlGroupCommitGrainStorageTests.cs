using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

public sealed class PostgreSqlGroupCommitGrainStorageTests(PostgreSqlStoreFixture store) : GroupCommitGrainStorageContractTests(store), IClassFixture<PostgreSqlStoreFixture>;
