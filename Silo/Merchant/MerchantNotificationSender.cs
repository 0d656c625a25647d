using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;
using PaySim.Wire;

namespace PaySim.Silo.Merchant;

/// <summary>
/// One notification attempt in the order's API style. 付付 (seed 001 §2.3): the JSON envelope POSTed to
/// notifyUrl?sign={md5}:{timestamp}, acknowledged by the body <c>SUCCESS</c>. Aggregator (seed 002 §1.2): a form
/// POST with payid, orderid, orderuid, paymoney, realpay and key, acknowledged by any 2xx status. It runs in the silo,
/// beside the notification grain that calls it, so a silo without a co-hosted gateway notifies too.
/// </summary>
public sealed partial class MerchantNotificationSender(
    IHttpClientFactory clients,
    IGrainFactory grains,
    TimeProvider clock,
    IOptionsMonitor<MerchantSiloOptions> options,
    ILogger<MerchantNotificationSender> logger) : IMerchantNotificationSender
{
    public const string HttpClientName = "merchant-notify";

    /// <summary>One attempt may take this long; a slow merchant must not hold the notification grain for long.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    public async Task<bool> SendAsync(MerchantOrderSnapshot order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!NotifyUrls.IsAllowed(order.NotifyUrl, options.CurrentValue.NotifyHostAllowList))
        {
            // Checked when the order was taken too; checked again as the list may have been set or narrowed since.
            LogRefused(logger, order.MerchantId, order.OrderNumber);
            return false;
        }

        try
        {
            using var request = order.Channel == MerchantOrderChannel.Aggregator ? await AggregatorAsync(order) : await FufuAsync(order);
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var acknowledged = response.IsSuccessStatusCode
                && (order.Channel == MerchantOrderChannel.Aggregator || body.Trim().Equals(MerchantResultCodes.Success, StringComparison.OrdinalIgnoreCase));
            if (!acknowledged)
            {
                LogNotAcknowledged(logger, order.MerchantId, order.OrderNumber, (int)response.StatusCode);
            }

            return acknowledged;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            LogAttemptFailed(logger, order.MerchantId, order.OrderNumber, exception.Message);
            return false;
        }
    }

    private async Task<HttpRequestMessage> FufuAsync(MerchantOrderSnapshot order)
    {
        var body = FufuEnvelope.Serialize(FufuEnvelope.Of(FufuOrderFields.Of(order)));
        var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = await grains.GetGrain<IMerchantGrain>(order.MerchantId)
            .SignAsync(MerchantSecretKind.Key, timestamp, FufuSignature.StripWhitespace(body));
        var digest = signature?.Digest ?? throw new InvalidOperationException($"Merchant {order.MerchantId} is not registered.");
        var separator = order.NotifyUrl!.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new HttpRequestMessage(HttpMethod.Post, $"{order.NotifyUrl}{separator}sign={digest}:{timestamp}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
    }

    private async Task<HttpRequestMessage> AggregatorAsync(MerchantOrderSnapshot order)
    {
        var payMoney = Yuan.FromFen(order.AmountFen);
        var orderUid = order.Echo.PayerReference ?? "";
        var prefix = AggregatorSignature.NotifyPrefix(order.TradeNumber, order.OrderNumber, orderUid, payMoney, payMoney);
        var signature = await grains.GetGrain<IMerchantGrain>(order.MerchantId).SignAsync(MerchantSecretKind.Token, prefix, "");
        var key = signature?.Digest ?? throw new InvalidOperationException($"Merchant {order.MerchantId} is not registered.");
        return new HttpRequestMessage(HttpMethod.Post, order.NotifyUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["payid"] = order.TradeNumber, ["orderid"] = order.OrderNumber, ["orderuid"] = orderUid,
                ["paymoney"] = payMoney, ["realpay"] = payMoney, ["key"] = key,
            }),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Merchant {MerchantId} did not acknowledge the notification of order {OrderNumber} (HTTP {StatusCode}).")]
    private static partial void LogNotAcknowledged(ILogger logger, string merchantId, string orderNumber, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification of order {OrderNumber} of merchant {MerchantId} not sent: its notify URL is not http(s) or its host is not on PaySim:Merchant:NotifyHostAllowList.")]
    private static partial void LogRefused(ILogger logger, string merchantId, string orderNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification of order {OrderNumber} of merchant {MerchantId} failed: {Reason}.")]
    private static partial void LogAttemptFailed(ILogger logger, string merchantId, string orderNumber, string reason);
}
