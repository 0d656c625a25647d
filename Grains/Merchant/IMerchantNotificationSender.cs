using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Delivers one notification attempt over the wire. Implemented at the edge, which owns the seeds' formats and
/// signatures; the notification grain owns only when and how often to try.
/// </summary>
public interface IMerchantNotificationSender
{
    /// <summary>Sends the paid order to its notify URL once; true when the merchant acknowledged it as its API style requires.</summary>
    Task<bool> SendAsync(MerchantOrderSnapshot order, CancellationToken cancellationToken);
}
