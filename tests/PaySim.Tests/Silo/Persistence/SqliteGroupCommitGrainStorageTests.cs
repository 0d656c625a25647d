using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

public sealed class SqliteGroupCommitGrainStorageTests(SqliteStoreFixture store) : GroupCommitGrainStorageContractTests(store), IClassFixture<SqliteStoreFixture>;
