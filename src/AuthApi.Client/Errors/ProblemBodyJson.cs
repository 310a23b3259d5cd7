using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthApi.Client;

/// <summary>Source-generated JSON for reading an error answer's Problem Details.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class ProblemBodyJson : JsonSerializerContext;
