using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace PaySim.Gateway.Hosting;

/// <summary>
/// A cluster gateway (Orleans client) may start before any silo: before the first silo migrated the storage database
/// (the membership statements in <c>OrleansQuery</c> do not exist yet: PostgreSQL 42P01), before one registered in
/// the membership table, or while PostgreSQL itself is still starting. Orleans' default filter retries only the
/// last two kinds of failure of Orleans' own and lets a missing table stop the gateway at once, so starting the
/// README's three commands together could fail. This one retries all of them, once a second, for
/// <see cref="RetryFor"/> after the first failure; anything else (a wrong connection string, a refused password)
/// stops the start at once.
/// </summary>
internal sealed partial class ClusterConnectionRetryFilter(ILogger<ClusterConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    public static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan s_delay = TimeSpan.FromSeconds(1);

    private DateTime? _giveUpAt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || !IsClusterComingUp(exception))
        {
            return false;
        }

        _giveUpAt ??= DateTime.UtcNow + RetryFor;
        if (DateTime.UtcNow > _giveUpAt)
        {
            return false;
        }

        LogWaiting(logger, exception.Message);
        await Task.Delay(s_delay, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static bool IsClusterComingUp(Exception exception) => exception switch
    {
        // No silo in the membership table yet (SiloUnavailableException), or none reachable.
        OrleansMessageRejectionException or ConnectionFailedException => true,
        // No silo has migrated the database yet.
        PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } => true,
        // The server is starting, or briefly unreachable.
        NpgsqlException { IsTransient: true } => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster is not up yet ({Failure}); the gateway retries its connection")]
    private static partial void LogWaiting(ILogger logger, string failure);
}
