namespace AuthApi.Http;

/// <summary>Declares the form an endpoint reads itself, without form binding (read by the OpenAPI document).</summary>
internal static class FormBodies
{
    /// <summary>The endpoint takes an <c>application/x-www-form-urlencoded</c> body whose fields are <typeparamref name="TForm"/>'s properties.</summary>
    public static RouteHandlerBuilder DocumentsFormBody<TForm>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new FormBodyMetadata(typeof(TForm)));
}

/// <summary>The endpoint's form body has the fields of <see cref="Fields"/>, named and described as its properties are.</summary>
internal sealed record FormBodyMetadata(Type Fields);
