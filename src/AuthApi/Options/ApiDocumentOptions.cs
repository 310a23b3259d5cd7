namespace AuthApi.Options;

/// <summary>The <c>Auth:OpenApi</c> section.</summary>
public sealed class ApiDocumentOptions
{
    /// <summary>Serve the interactive API page at <c>/swagger</c>. Defaults to true in Development, false elsewhere.</summary>
    public bool? SwaggerUi { get; set; }
}
