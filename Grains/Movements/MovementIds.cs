using System.Security.Cryptography;
using System.Text;

namespace PaySim.Grains.Movements;

/// <summary>
/// The one scheme of operation ids and ledger references for movements between accounts. An operation id is
/// <c>{flow}/{owner}/{key}</c>: the flow's name, the orchestrating grain's key and the movement's key within it (an
/// attempt number, a refund number), each with <c>%</c>, <c>/</c> and <c>:</c> percent-escaped, so that client text
/// can never make two movements spell one id. An id that would be too long is <c>{flow}/{hash}</c> instead (one
/// slash, so it can equal no escaped id), the SHA-256 of the escaped owner and key. The account legs append
/// <c>:out</c>, <c>:in</c> or <c>:reversal</c>: the last colon of a journal entry id separates the movement from its leg.
/// Ids written before this scheme (<c>transfer:…</c>, <c>trade:…</c>, <c>merchant-order:…</c>) contain no slash after
/// their flow word, so no new id equals one of them; they stay in stored movements and are resumed as they are.
/// </summary>
internal static class MovementIds
{
    /// <summary>Longest movement id: the journal entry id is this plus the longest leg suffix.</summary>
    public const int MovementIdLengthMax = Persistence.JournalEntry.EntryIdLengthMax - 16;

    public const string DebitLeg = "out";

    public const string CreditLeg = "in";

    public const string ReversalLeg = "reversal";

    public static string Of(MovementFlow flow, string ownerKey, string movementKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerKey);
        ArgumentException.ThrowIfNullOrEmpty(movementKey);
        var escaped = Escape(ownerKey) + "/" + Escape(movementKey);
        var id = flow.Name() + "/" + escaped;
        return id.Length <= MovementIdLengthMax
            ? id
            : flow.Name() + "/" + Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(escaped)));
    }

    /// <summary>The id of one leg of a movement, as the account's journal stores it.</summary>
    public static string Leg(string movementId, string leg) => movementId + ":" + leg;

    /// <summary>The movement a journal entry id belongs to: everything before its last colon.</summary>
    public static string MovementOf(string entryId)
    {
        var colon = entryId.LastIndexOf(':');
        return colon < 0 ? entryId : entryId[..colon];
    }

    /// <summary>The ledger reference of every line of a flow's movements: which transfer, trade or order they belong to.</summary>
    public static string Reference(MovementFlow flow, string ownerKey) => flow switch
    {
        MovementFlow.Transfer => "transfer:" + ownerKey,
        MovementFlow.TradePayment => "trade:" + ownerKey,
        MovementFlow.MerchantPayment or MovementFlow.MerchantRefund => "merchant-order:" + ownerKey,
        _ => throw new ArgumentOutOfRangeException(nameof(flow), flow, "Not a movement flow."),
    };

    private static string Escape(string text) =>
        text.AsSpan().IndexOfAny('%', '/', ':') < 0 ? text : text.Replace("%", "%25").Replace("/", "%2F").Replace(":", "%3A");

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
