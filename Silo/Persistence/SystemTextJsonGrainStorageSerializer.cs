using System.Text.Json;
using Orleans.Storage;

namespace PaySim.Silo.Persistence;

/// <summary>
/// Lets Orleans' stock ADO.NET grain storage write states as the same System.Text.Json documents as PaySim's own store
/// (its default is Newtonsoft.Json), so a deployment can switch document stores without two encodings of one type.
/// </summary>
internal sealed class SystemTextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, StateJson.Options));

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(StateJson.Options)!;
}
