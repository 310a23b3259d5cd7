using System.ComponentModel;
using System.Reflection;

namespace AuthApi.Options;

/// <summary>
/// The <c>Auth</c> section read against the shape of <see cref="AuthOptions"/> before binding: keys no setting reads
/// (typos, settings of other versions) and values no setting can hold (<c>30m</c> for a time span). The binder would
/// stop at the first bad value and say nothing of unknown keys; this reports every one, and binds the rest.
/// </summary>
internal sealed class AuthSectionReview
{
    private readonly List<UnknownKey> _unknownKeys = [];
    private readonly List<string> _unreadableValues = [];
    private readonly HashSet<string> _unreadablePaths = new(StringComparer.OrdinalIgnoreCase);

    public AuthSectionReview(IConfiguration configuration)
    {
        var section = configuration.GetSection(AuthOptions.SectionName);
        // The flat single-provider form puts a provider's settings directly under Auth.
        ReviewChildren(section, [typeof(AuthOptions), typeof(ProviderOptions)]);
        Readable = ReadableCopy(section);
    }

    /// <summary>Keys under <c>Auth</c> that no setting reads, each with the closest key that does, if one is close.</summary>
    public IReadOnlyList<UnknownKey> UnknownKeys => _unknownKeys;

    /// <summary>One line per value its setting cannot hold, naming the key, the value and an example.</summary>
    public IReadOnlyList<string> UnreadableValues => _unreadableValues;

    /// <summary>The <c>Auth</c> section without its unreadable values, which the binder would stop at.</summary>
    public IConfigurationSection Readable { get; }

    private void ReviewChildren(IConfigurationSection section, IReadOnlyList<Type> shapes)
    {
        var settings = shapes.SelectMany(shape => shape.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(property => property.CanWrite)
            .DistinctBy(property => property.Name)
            .ToDictionary(property => property.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (settings.TryGetValue(child.Key, out var setting))
            {
                Review(child, setting.PropertyType);
            }
            else
            {
                var closest = KeySuggestion.Closest(child.Key, settings.Keys);
                _unknownKeys.Add(new UnknownKey(child.Path, closest is null ? null : $"{section.Path}:{closest}"));
            }
        }
    }

    private void Review(IConfigurationSection section, Type type)
    {
        if (type == typeof(string) || IsList(type))
        {
            return; // any text, or a list given as items or as one comma-separated string
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var valueType = type.GetGenericArguments()[1];
            foreach (var entry in section.GetChildren())
            {
                Review(entry, valueType);
            }
            return;
        }
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        if (scalar.IsPrimitive || scalar.IsEnum || scalar == typeof(TimeSpan))
        {
            ReviewValue(section, scalar);
            return;
        }
        ReviewChildren(section, [type]);
    }

    private void ReviewValue(IConfigurationSection section, Type type)
    {
        if (string.IsNullOrEmpty(section.Value))
        {
            return;
        }
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(section.Value);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            _unreadablePaths.Add(section.Path);
            _unreadableValues.Add($"{section.Path}: '{section.Value}' is not {ExampleOf(type)}.");
        }
    }

    private IConfigurationSection ReadableCopy(IConfigurationSection section)
    {
        var values = section.AsEnumerable().Where(pair => pair.Value is not null && !_unreadablePaths.Contains(pair.Key));
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(section.Path);
    }

    private static bool IsList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>);

    private static string ExampleOf(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a duration: write [days.]hours:minutes:seconds, e.g. 00:30:00 for 30 minutes or 30.00:00:00 for 30 days",
        _ when type == typeof(bool) => "a boolean: write true or false",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => $"a whole number ({type.Name}), e.g. 60",
    };

    /// <summary>A key no setting reads, and the full key of the closest one that does.</summary>
    public sealed record UnknownKey(string Key, string? ClosestKnownKey);
}
