namespace AuthApi.Http;

/// <summary>
/// The value API tools fill a query or path parameter with when they build a request from the OpenAPI document: the
/// parameter's example and its schema's default (Postman's import reads the default, Swagger UI the example). Samples are
/// the development stack's (provider dev, user ada) or empty, so an imported collection works against that stack as it comes.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class SampleValueAttribute(string value) : Attribute
{
    public string Value { get; } = value;
}
