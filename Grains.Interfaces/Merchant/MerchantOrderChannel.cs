using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>How the order reaches the payer; it decides expiry defaults, failure handling and the notification style.</summary>
[GenerateSerializer, Alias("paysim.MerchantOrderChannel")]
public enum MerchantOrderChannel
{
    /// <summary>付付 被扫 (B scans C): the payer shows a one-time payer code; paid synchronously.</summary>
    BarCode,

    /// <summary>付付 主扫 QRCODE: the payer opens PaySim's cashier page from a QR code.</summary>
    QrCode,

    /// <summary>付付 主扫 JSAPI: the merchant's own page hands the payer to the cashier page.</summary>
    Jsapi,

    /// <summary>Aggregator pay.action: a form post shows the cashier page.</summary>
    Aggregator,
}
