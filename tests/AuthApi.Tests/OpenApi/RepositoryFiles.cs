namespace AuthApi.Tests.OpenApi;

/// <summary>Files committed in the repository, found from the test binaries by walking up to the solution folder.</summary>
public static class RepositoryFiles
{
    public static string PathOf(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AuthApi.sln")))
            {
                return Path.Combine(directory.FullName, relativePath);
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains AuthApi.sln.");
    }
}
