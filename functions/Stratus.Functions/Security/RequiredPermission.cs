namespace Stratus.Functions.Security;

/// <summary>Endpoint metadata: the permission a caller needs. Every <c>/api</c> endpoint carries one (a test checks).</summary>
public sealed record RequiredPermission(string Name);
