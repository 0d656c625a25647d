using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

public sealed class PostgreSqlGroupCommitReminderTableTests(PostgreSqlStoreFixture store) : GroupCommitReminderTableContractTests(store), IClassFixture<PostgreSqlStoreFixture>;
