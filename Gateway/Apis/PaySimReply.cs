using System.Text.Json.Serialization;

namespace PaySim.Gateway.Apis;

/// <summary>
/// Every response body of POST /PaySim: the fields a method's seed table lists, plus <c>reason</c> on failures and
/// <c>field</c> on malformed requests. Unset fields are left out of the JSON.
/// </summary>
public sealed record PaySimReply
{
    [JsonPropertyName("result")] public string? Result { get; init; }

    [JsonPropertyName("reason")] public string? Reason { get; init; }

    [JsonPropertyName("field")] public string? Field { get; init; }

    [JsonPropertyName("openID")] public string? OpenId { get; init; }

    [JsonPropertyName("accountState")] public string? AccountState { get; init; }

    [JsonPropertyName("accountBalance")] public long? AccountBalanceFen { get; init; }

    /// <summary>Time of the account's last change, as Unix time in milliseconds, in a string (the seed's type).</summary>
    [JsonPropertyName("checkTimestamp")] public string? CheckTimestamp { get; init; }

    [JsonPropertyName("transactionID")] public string? TransactionId { get; init; }

    [JsonPropertyName("tradeID")] public string? TradeId { get; init; }

    [JsonPropertyName("tradeState")] public string? TradeState { get; init; }

    [JsonPropertyName("source")] public string? Source { get; init; }

    [JsonPropertyName("target")] public string? Target { get; init; }

    /// <summary>获取付款码's one-time code: 18 digits, in a string so that no client rounds it.</summary>
    [JsonPropertyName("payerCode")] public string? PayerCode { get; init; }

    /// <summary>When the payer code stops being accepted, as Unix time in milliseconds, in a string (as checkTimestamp).</summary>
    [JsonPropertyName("expireTimestamp")] public string? ExpireTimestamp { get; init; }

    /// <summary>批量创建账户: how many accounts the batch opened.</summary>
    [JsonPropertyName("opened")] public int? Opened { get; init; }

    /// <summary>批量创建账户: how many of the batch's accounts existed already and were left as they were.</summary>
    [JsonPropertyName("existing")] public int? Existing { get; init; }
}
