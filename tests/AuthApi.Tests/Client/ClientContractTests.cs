using System.Reflection;
using System.Text.Json.Nodes;
using AuthApi.Client;
using AuthApi.Contracts;
using AuthApi.Tests.OpenApi;
using Refit;

namespace AuthApi.Tests.Client;

/// <summary>
/// The client and openapi/authapi.v1.json describe the same API: an operation for every client method and a method for every
/// operation, with the same HTTP method, path and query parameters. (CommittedDocumentTests proves the file is what the service serves.)
/// </summary>
public sealed class ClientContractTests
{
    private static readonly JsonNode Document = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("openapi/authapi.v1.json")))!;

    private static readonly IReadOnlyList<MethodInfo> ClientMethods = typeof(IAuthApi).GetMethods();

    /// <summary>Operations only a provider calls, server to server (Back-Channel Logout): no frontend has a use for them.</summary>
    private static readonly HashSet<string> ProviderOperations = ["POST /backchannel-logout"];

    [Fact]
    public void EveryOperationHasAClientMethod()
    {
        var clientOperations = ClientMethods.Select(OperationOf).ToHashSet();

        var missing = ServedDocument.Operations(Document).Select(operation => operation.Name)
            .Where(name => !clientOperations.Contains(name) && !ProviderOperations.Contains(name));

        Assert.Empty(missing);
    }

    [Fact]
    public void EveryClientMethodHasAnOperation()
    {
        var documented = ServedDocument.Operations(Document).Select(operation => operation.Name).ToHashSet();

        var undocumented = ClientMethods.Where(method => !documented.Contains(OperationOf(method))).Select(method => $"{method.Name}: {OperationOf(method)}");

        Assert.Empty(undocumented);
    }

    [Fact]
    public void EveryClientMethodTakesTheOperationsQueryParametersAndACancellationToken()
    {
        Assert.All(ClientMethods, method =>
        {
            var operation = ServedDocument.Operations(Document).Single(operation => operation.Name == OperationOf(method)).Operation;
            var documented = (operation["parameters"]?.AsArray() ?? [])
                .Where(parameter => (string?)parameter!["in"] == "query")
                .Select(parameter => (string)parameter!["name"]!)
                .Order();
            var parameters = method.GetParameters();

            var path = method.GetCustomAttribute<HttpMethodAttribute>()!.Path;
            Assert.Equal(documented, parameters.Where(parameter => IsQuery(parameter, path)).Select(QueryName).Order());
            Assert.Equal(typeof(CancellationToken), parameters[^1].ParameterType);
        });
    }

    [Fact]
    public void EveryFormTheClientPostsHasTheOperationsFormFields()
    {
        var formMethods = ClientMethods
            .Select(method => (Method: method, Form: method.GetParameters().SingleOrDefault(parameter => parameter.GetCustomAttribute<BodyAttribute>()?.SerializationMethod == BodySerializationMethod.UrlEncoded)))
            .Where(entry => entry.Form is not null)
            .ToList();

        Assert.NotEmpty(formMethods);
        Assert.All(formMethods, entry =>
        {
            var operation = ServedDocument.Operations(Document).Single(operation => operation.Name == OperationOf(entry.Method)).Operation;
            var documented = operation["requestBody"]!["content"]!["application/x-www-form-urlencoded"]!["schema"]!["properties"]!.AsObject().Select(field => field.Key).Order();
            var sent = entry.Form!.ParameterType.GetProperties().Select(property => property.GetCustomAttribute<AliasAsAttribute>()?.Name ?? property.Name).Order();
            Assert.Equal(documented, sent);
        });
    }

    /// <summary>The method's operation, named like <c>POST /logout</c> as <see cref="ServedDocument.Operations"/> names them.</summary>
    private static string OperationOf(MethodInfo method)
    {
        var http = method.GetCustomAttribute<HttpMethodAttribute>()
            ?? throw new Xunit.Sdk.XunitException($"{method.Name} has no Refit HTTP method attribute.");
        return $"{http.Method.Method.ToUpperInvariant()} {http.Path}";
    }

    private static bool IsQuery(ParameterInfo parameter, string path) =>
        parameter.ParameterType != typeof(CancellationToken)
        && parameter.GetCustomAttribute<BodyAttribute>() is null
        && !path.Contains($"{{{parameter.Name}}}", StringComparison.Ordinal);

    private static string QueryName(ParameterInfo parameter) => parameter.GetCustomAttribute<AliasAsAttribute>()?.Name ?? parameter.Name!;
}
