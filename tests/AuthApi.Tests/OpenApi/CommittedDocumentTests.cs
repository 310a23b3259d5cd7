using System.Text.Json.Nodes;

namespace AuthApi.Tests.OpenApi;

public sealed class CommittedDocumentTests
{
    private const string CommittedPath = "openapi/authapi.v1.json";

    [Fact]
    public async Task ServedDocumentEqualsTheCommittedFileButForItsServer()
    {
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf(CommittedPath)))!.AsObject();

        var served = (await ServedDocument.FetchAsync()).AsObject();

        // The served document names where it was fetched from, the committed one the local run (CommittedFileNamesTheFixedLocalServer).
        served.Remove("servers");
        committed.Remove("servers");

        Assert.True(
            JsonNode.DeepEquals(served, committed),
            $"{CommittedPath} differs from {ServedDocument.Url} at {FirstDifference(served, committed, "$")}: "
            + "build the solution (it regenerates the file) and commit it, or make the document independent of the request.");
    }

    [Fact]
    public async Task CommittedFileNamesTheFixedLocalServer()
    {
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf(CommittedPath)))!;

        var server = Assert.Single(committed["servers"]!.AsArray());
        Assert.Equal("http://localhost:8080", (string?)server!["url"]);
        Assert.Equal("3.0.4", (string?)committed["openapi"]);
        Assert.Equal("AuthApi", (string?)committed["info"]!["title"]);
        Assert.Equal("v1", (string?)committed["info"]!["version"]);
    }

    private static string FirstDifference(JsonNode? served, JsonNode? committed, string path)
    {
        if (served is JsonObject servedObject && committed is JsonObject committedObject)
        {
            foreach (var name in servedObject.Select(p => p.Key).Union(committedObject.Select(p => p.Key)))
            {
                if (!JsonNode.DeepEquals(servedObject[name], committedObject[name]))
                {
                    return FirstDifference(servedObject[name], committedObject[name], $"{path}['{name}']");
                }
            }
        }
        if (served is JsonArray servedArray && committed is JsonArray committedArray && servedArray.Count == committedArray.Count)
        {
            for (var i = 0; i < servedArray.Count; i++)
            {
                if (!JsonNode.DeepEquals(servedArray[i], committedArray[i]))
                {
                    return FirstDifference(servedArray[i], committedArray[i], $"{path}[{i}]");
                }
            }
        }
        return path;
    }
}
