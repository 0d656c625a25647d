using System.Collections.Concurrent;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;

namespace PaySim.Tests.Grains.Merchant;

/// <summary>Answers notification attempts from a script (false = merchant did not acknowledge) and records them.</summary>
public sealed class ScriptedNotificationSender(params bool[] answers) : IMerchantNotificationSender
{
    private readonly ConcurrentQueue<bool> _answers = new(answers);

    public ConcurrentQueue<MerchantOrderSnapshot> Sent { get; } = new();

    public Task<bool> SendAsync(MerchantOrderSnapshot order, CancellationToken cancellationToken)
    {
        Sent.Enqueue(order);
        return Task.FromResult(!_answers.TryDequeue(out var answer) || answer);
    }
}
