namespace PaySim.Grains;

/// <summary>The names grains give their stores; the silo registers a provider under each.</summary>
public static class StorageNames
{
    /// <summary>
    /// Plain document states (transfers, trades, merchants, orders, notifications, payer codes): PaySim's
    /// group-commit store by default, or Orleans' stock ADO.NET grain storage on PostgreSQL.
    /// </summary>
    public const string Documents = "paysim";

    /// <summary>States written together with a journal (accounts and their ledgers): always PaySim's store.</summary>
    public const string Journaled = "paysim-journaled";
}
