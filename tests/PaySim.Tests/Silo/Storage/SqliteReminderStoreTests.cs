namespace PaySim.Tests.Silo.Storage;

public sealed class SqliteReminderStoreTests(SqliteStoreFixture store) : ReminderStoreContractTests(store), IClassFixture<SqliteStoreFixture>;
