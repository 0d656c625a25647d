namespace PaySim.Tests.Silo.Storage;

public sealed class PostgreSqlGroupCommitTests(PostgreSqlStoreFixture store) : GroupCommitContractTests(store), IClassFixture<PostgreSqlStoreFixture>;
