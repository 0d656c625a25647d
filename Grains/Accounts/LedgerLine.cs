using System.Text.Json;
using System.Text.Json.Serialization;
using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Accounts;

/// <summary>
/// One line of an account's ledger, stored as the payload of the journal entry written with the balance change.
/// <paramref name="AmountFen"/> is signed: positive for credits, negative for debits, so a ledger sums to its balance.
/// <paramref name="Refusal"/> is set on a fence's line only (<see cref="MovementKinds.IsVoided"/>): why the leg it
/// fences was refused, which a later copy of that leg is answered again. Lines written before it have none.
/// </summary>
public sealed record LedgerLine(
    MovementKind Kind,
    long AmountFen,
    string? Counterparty,
    string? Reference,
    long BalanceAfterFen,
    DateTimeOffset Time,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AccountResult? Refusal = null)
{
    private static readonly JsonSerializerOptions s_jsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, s_jsonOptions);

    public static LedgerLine FromJson(string json) =>
        JsonSerializer.Deserialize<LedgerLine>(json, s_jsonOptions)
        ?? throw new FormatException("A ledger line payload was the JSON literal null.");

    /// <summary>Whether the line moves money across the system's edge (deposits and withdrawals) rather than between accounts.</summary>
    public bool IsExternal => Kind is MovementKind.Deposit or MovementKind.Withdrawal;
}
