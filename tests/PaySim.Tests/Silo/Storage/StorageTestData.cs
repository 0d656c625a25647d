using PaySim.Grains.Persistence;
using PaySim.Silo.Storage;

namespace PaySim.Tests.Silo.Storage;

/// <summary>Fresh ids and fixed values, so tests sharing one store never see each other's rows.</summary>
internal static class StorageTestData
{
    public const string StateName = "account";

    /// <summary>A fixed instant in whole milliseconds: every store keeps it exactly.</summary>
    public static readonly DateTimeOffset Time = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public static StoredGrainId NewGrain(string type = "account") => new(type, $"账户-{Guid.NewGuid():N}");

    public static string NewType() => $"type{Guid.NewGuid():N}";

    public static JournalEntry Entry(string entryId) => new(entryId, $$"""{"op":"{{entryId}}"}""", Time);

    public static string Payload(string text) => $$"""{"balanceFen":"{{text}}"}""";
}
