using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Grains.Merchant;

/// <summary>
/// Delivers one notification attempt over the wire. Implemented by the silo (it writes the seeds' formats, and the
/// merchant grain signs); the notification grain owns only when and how often to try.
/// </summary>
public interface IMerchantNotificationSender
{
    /// <summary>Sends the paid order to its notify URL once; true when the merchant acknowledged it as its API style requires.</summary>
    Task<bool> SendAsync(MerchantOrderSnapshot order, CancellationToken cancellationToken);
}
