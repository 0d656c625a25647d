namespace PaySim.Runtime;

/// <summary>
/// Lets calls to one activation interleave at their awaits, as Orleans' [Reentrant] does: while one call awaits
/// (e.g. a state write), the next queued call starts. Grain code still never runs on two threads at once: every
/// piece of it runs on the activation's exclusive scheduler, so state is consistent between awaits but may change
/// across one. Such grains must not use <c>ConfigureAwait(false)</c> (it would leave the exclusive scheduler), and
/// must re-check after every await whatever they read before it. Activation and deactivation never interleave.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;
