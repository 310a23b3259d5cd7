namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>The repository's files, found from the test binaries by walking up to the folder holding AuthApi.sln.</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AuthApi.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains AuthApi.sln.");
    }
}
