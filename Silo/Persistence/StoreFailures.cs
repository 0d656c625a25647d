using System.Data.Common;
using PaySim.Grains.Interfaces;

namespace PaySim.Silo.Persistence;

/// <summary>
/// A store's own failure (Npgsql's or SQLite's <see cref="DbException"/>) as the exception a caller on another silo or
/// a gateway can be given: <see cref="StoreUnavailableException"/>. Orleans carries only exceptions it can serialise,
/// and the drivers' are not among them, nor is any exception that holds one as its inner exception (Orleans' storage
/// bridge wraps a grain storage's failure so): the caller got a codec error instead.
/// </summary>
internal static class StoreFailures
{
    public static StoreUnavailableException Translate(string operation, DbException exception) =>
        new($"{operation}: the store failed ({exception.GetType().Name}: {exception.Message})");

    public static async Task<T> Guarded<T>(Task<T> operation, string what)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            throw Translate(what, exception);
        }
    }

    /// <summary>The store failure <paramref name="exception"/> is or holds, if any, as a caller can be given it.</summary>
    public static StoreUnavailableException? Find(Exception exception, string operation)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case StoreUnavailableException unavailable:
                    return ReferenceEquals(current, exception) ? null : new StoreUnavailableException(unavailable.Message);
                case DbException db:
                    return Translate(operation, db);
            }
        }

        return null;
    }
}
