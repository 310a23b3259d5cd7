using System.Text.RegularExpressions;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>The repository's Dockerfile read as instructions: line continuations joined, comments dropped, one stage per FROM.</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<IReadOnlyList<Instruction>> stages) => Stages = stages;

    public IReadOnlyList<IReadOnlyList<Instruction>> Stages { get; }

    public static Dockerfile Load()
    {
        var joined = Continuation().Replace(File.ReadAllText(RepositoryFolder.PathOf("Dockerfile")), " ");
        var stages = new List<List<Instruction>>();
        foreach (var line in joined.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')))
        {
            var instruction = new Instruction(line.Split(' ', 2)[0], line.Split(' ', 2).ElementAtOrDefault(1) ?? "");
            if (instruction.Keyword == "FROM")
            {
                stages.Add([]);
            }
            stages[^1].Add(instruction);
        }
        return new Dockerfile(stages);
    }

    /// <summary>The arguments of a RUN or COPY without its options (<c>--mount=...</c>, <c>--link</c>).</summary>
    public static string CommandOf(Instruction run) => BuildKitOption().Replace(run.Arguments, "").Trim();

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"^(--\S+\s+)+")]
    private static partial Regex BuildKitOption();

    public sealed record Instruction(string Keyword, string Arguments);
}
