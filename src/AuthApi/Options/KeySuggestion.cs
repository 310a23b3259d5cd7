namespace AuthApi.Options;

/// <summary>The known key a mistyped one most likely meant (fewest single-character edits, case ignored).</summary>
internal static class KeySuggestion
{
    /// <summary>The closest candidate, or null when none is within a third of the key's length (at least two edits).</summary>
    public static string? Closest(string key, IEnumerable<string> candidates)
    {
        var allowed = Math.Max(2, key.Length / 3);
        return candidates
            .Select(candidate => (Candidate: candidate, Distance: Distance(key.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .Where(match => match.Distance <= allowed)
            .OrderBy(match => match.Distance)
            .ThenBy(match => match.Candidate, StringComparer.Ordinal)
            .Select(match => match.Candidate)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance, two rows at a time.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
