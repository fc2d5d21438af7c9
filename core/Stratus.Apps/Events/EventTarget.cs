namespace Stratus.Apps.Events;

/// <summary>What an event is about, e.g. <c>app(myapp)</c>.</summary>
public sealed record EventTarget(string Type, string Value)
{
    public const string AppType = "app";

    public static EventTarget App(string name) => new(AppType, name);

    public override string ToString() => $"{Type}({Value})";
}
