using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// The store could not be read or written: its server unreachable or restarting, a connection dropped, a statement
/// timed out. Nothing acknowledged is lost and nothing was acknowledged by this call: what it wrote is committed or not,
/// as after a crash, and a retry with the same operation id answers as the store then says. A silo raises this in
/// place of the driver's own exception (Npgsql's or SQLite's), which Orleans could not carry to the caller.
/// </summary>
[GenerateSerializer, Alias("paysim.StoreUnavailableException")]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is one, or holds one as an inner exception (as Orleans' own errors do, such
    /// as an activation that failed because its state could not be read).
    /// </summary>
    public static bool IsCauseOf(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is StoreUnavailableException)
            {
                return true;
            }
        }

        return false;
    }
}
