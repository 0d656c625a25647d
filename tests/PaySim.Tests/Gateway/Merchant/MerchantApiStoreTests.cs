using PaySim.Silo.Storage;

namespace PaySim.Tests.Gateway.Merchant;

// The merchant HTTP suites (seed 001, seed 002, notifications) bound to the durable stores. Each test starts its own
// gateway on a fresh store, as the tests move the clock and open the same accounts. The bindings are one-liners, so
// they share this file rather than each taking one.

public sealed class MerchantPayApiSqliteTests() : MerchantPayApiTests(StorageProviderKind.Sqlite);

public sealed class MerchantPayApiPostgresTests() : MerchantPayApiTests(StorageProviderKind.PostgreSql);

public sealed class AggregatorApiSqliteTests() : AggregatorApiTests(StorageProviderKind.Sqlite);

public sealed class AggregatorApiPostgresTests() : AggregatorApiTests(StorageProviderKind.PostgreSql);

public sealed class MerchantNotifyEndToEndSqliteTests() : MerchantNotifyEndToEndTests(StorageProviderKind.Sqlite);

public sealed class MerchantNotifyEndToEndPostgresTests() : MerchantNotifyEndToEndTests(StorageProviderKind.PostgreSql);
