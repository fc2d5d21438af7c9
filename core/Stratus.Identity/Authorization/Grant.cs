using Stratus.Identity.Principals;

namespace Stratus.Identity.Authorization;

/// <summary>A role given to a principal within a scope. Its id follows from the three, so granting twice is harmless.</summary>
public sealed record Grant(string Id, PrincipalRef Principal, string Role, Scope Scope, DateTimeOffset CreatedAt, string CreatedBy);
