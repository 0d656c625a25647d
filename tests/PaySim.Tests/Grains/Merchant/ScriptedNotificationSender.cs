using System.Collections.Concurrent;
using Orleans.Runtime;
using PaySim.Grains.Interfaces.Merchant;
using PaySim.Grains.Merchant;

namespace PaySim.Tests.Grains.Merchant;

/// <summary>
/// Answers notification attempts from a script (false = merchant did not acknowledge) and records them; with
/// <see cref="Throws"/> every attempt fails with an exception instead, as one that cannot build its notification does;
/// the first <see cref="UnreachableFirst"/> attempts fail as when the merchant's grain, which signs it, is unreachable.
/// </summary>
public sealed class ScriptedNotificationSender(params bool[] answers) : IMerchantNotificationSender
{
    private readonly ConcurrentQueue<bool> _answers = new(answers);

    public ConcurrentQueue<MerchantOrderSnapshot> Sent { get; } = new();

    public bool Throws { get; init; }

    public int UnreachableFirst { get; init; }

    public Task<bool> SendAsync(MerchantOrderSnapshot order, CancellationToken cancellationToken)
    {
        Sent.Enqueue(order);
        if (Sent.Count <= UnreachableFirst)
        {
            throw new SiloUnavailableException("The merchant's grain is on a silo that died.");
        }

        if (Throws)
        {
            throw new InvalidOperationException("The notification cannot be built.");
        }

        return Task.FromResult(!_answers.TryDequeue(out var answer) || answer);
    }
}
