using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace PaySim.Silo.Hosting;

/// <summary>
/// Builds and runs a PaySim process (a silo, or a gateway with or without its silo). A start stopped by a setting
/// prints what to change on one line, without a stack trace, and exits with 1: the message names the setting
/// (PaySim's validators, Orleans' own, or .NET's binder, which names the key whose value it could not convert).
/// </summary>
public static class HostStart
{
    public const int SettingRefusedExitCode = 1;

    public static int Run(Func<IHost> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            build().Run();
            return 0;
        }
        catch (Exception exception) when (SettingProblem(exception) is { } problem)
        {
            Console.Error.WriteLine($"PaySim did not start: {problem}");
            return SettingRefusedExitCode;
        }
    }

    /// <summary>The message of a setting's refusal within <paramref name="exception"/>, or null when it is something else.</summary>
    internal static string? SettingProblem(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case OptionsValidationException refused:
                    return string.Join(" ", refused.Failures);
                case OrleansConfigurationException refused:
                    return refused.Message;
                case SettingRefusedException refused:
                    return refused.Message;
                case InvalidOperationException refused when refused.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    return refused.Message;
            }
        }

        return null;
    }
}

/// <summary>A setting PaySim cannot start with, found while the host is configured; the message says what to change.</summary>
public sealed class SettingRefusedException(string message) : Exception(message);
