namespace Stratus.Api.Triggers;

/// <summary>Every function the app declares, in declaration order. Names are unique (the host addresses functions by name).</summary>
public sealed class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDeclaration> _byName;

    public FunctionCatalog(IEnumerable<FunctionDeclaration> declarations)
    {
        Functions = declarations.ToList();
        _byName = new Dictionary<string, FunctionDeclaration>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in Functions)
        {
            if (!_byName.TryAdd(function.Name, function))
            {
                throw new InvalidOperationException($"Function '{function.Name}' is declared twice; function names must be unique.");
            }
        }
    }

    public IReadOnlyList<FunctionDeclaration> Functions { get; }

    public FunctionDeclaration? Find(string name) => _byName.GetValueOrDefault(name);
}
