namespace PaySim.Tests.Silo.Storage;

public sealed class SqliteGroupCommitTests(SqliteStoreFixture store) : GroupCommitContractTests(store), IClassFixture<SqliteStoreFixture>;
