using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

public sealed class SqliteGroupCommitReminderTableTests(SqliteStoreFixture store) : GroupCommitReminderTableContractTests(store), IClassFixture<SqliteStoreFixture>;
