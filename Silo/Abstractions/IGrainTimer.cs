namespace PaySim.Runtime;

/// <summary>An in-memory timer of one activation; its callbacks run as turns and it dies with the activation.</summary>
public interface IGrainTimer : IDisposable;
