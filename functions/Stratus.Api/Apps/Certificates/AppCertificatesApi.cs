using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Apps.Apps;
using Stratus.Apps.Certificates;
using Stratus.Apps.Deploys;
using Stratus.Api.Api;
using Stratus.Api.Apps.Apps;
using Stratus.Api.Apps.Operations;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Orchestrations.Apps;

namespace Stratus.Api.Apps.Certificates;

/// <summary>
/// Certificates of an app's cnames (Tsuru's <c>certificate set/unset/list</c> and <c>cname cert-issuer set/unset</c>).
/// The PEM is checked here (it parses, the key is the certificate's, the certificate covers the cname); the change is
/// stored under the app's lock and rolled out, which hands it to the pool's router. Keys are stored encrypted and never
/// answered.
/// </summary>
internal static partial class AppCertificatesApi
{
    public const int MaxPemChars = 64 * 1024;
    private const string CertificateExample = """{"cname": "www.example.com", "certificate": "-----BEGIN CERTIFICATE-----\n…", "key": "-----BEGIN PRIVATE KEY-----\n…"}""";
    private const string IssuerExample = """{"cname": "www.example.com", "issuer": "letsencrypt"}""";

    public static RouteGroupBuilder MapAppCertificatesApi(this RouteGroupBuilder api)
    {
        api.MapGet(AppsApi.Route + "/certificate", ListCertificates)
            .WithName("ListAppCertificates")
            .WithSummary("The certificates of the app's cnames: subject, issuer and expiry, or the cert-manager issuer; never the key.")
            .WithTags("Apps")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.AppRead, ScopeKind.App, "app");
        var app = api.MapGroup(AppsApi.Route).WithTags("Apps")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.AppCertificateManage, ScopeKind.App, "app");
        app.MapPut("/certificate", SetCertificate)
            .WithName("SetAppCertificate")
            .WithSummary("Sets a cname's certificate and key (PEM); the router serves HTTPS for it.")
            .Accepts<CertificateRequest>("application/json");
        app.MapDelete("/certificate", UnsetCertificate)
            .WithName("UnsetAppCertificate")
            .WithSummary("Removes a cname's certificate (?cname=www.example.com).");
        app.MapPut("/certissuer", SetIssuer)
            .WithName("SetAppCertIssuer")
            .WithSummary("Has a cert-manager ClusterIssuer get the cname's certificate (routers that support it: tsuru-api, ingress).")
            .Accepts<CertIssuerRequest>("application/json");
        app.MapDelete("/certissuer", UnsetIssuer)
            .WithName("UnsetAppCertIssuer")
            .WithSummary("Stops a cert-manager issuer getting the cname's certificate (?cname=www.example.com).");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<AppCertificateResponse>>, ProblemHttpResult>> ListCertificates(
        string app, AppStore apps, AppCertificateStore certificates, CancellationToken cancellationToken)
    {
        if (await apps.GetAsync(app, cancellationToken) is not { } found)
        {
            return AppProblems.NoApp(app);
        }

        var listed = (await certificates.ListAsync(app, cancellationToken)).Where(c => found.CNames.Contains(c.Cname)).Select(AppCertificateResponse.From).ToList();
        return TypedResults.Ok<IReadOnlyList<AppCertificateResponse>>(listed);
    }

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> SetCertificate(
        string app, HttpContext context, AppStore apps, AppCertificateStore certificates, AppOperationStarter starter, int? wait, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CertificateRequest>(context.Request, CertificateExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (string.IsNullOrWhiteSpace(body!.Certificate) || string.IsNullOrWhiteSpace(body.Key))
        {
            return ApiProblems.Invalid($"Send both 'certificate' and 'key' as PEM. Example: {CertificateExample}");
        }

        var (cname, cnameProblem) = await CnameOfAsync(apps, app, body.Cname, cancellationToken);
        if (cnameProblem is not null)
        {
            return cnameProblem;
        }

        var (summary, pemProblem) = CertificatePem.Read(cname!, body.Certificate, body.Key);
        if (pemProblem is not null)
        {
            return ApiProblems.Invalid(pemProblem.Detail);
        }

        return await StartAsync(starter, context, app, $"set the certificate of {cname} ({summary!.Subject}, until {summary.NotAfter:yyyy-MM-dd})", wait, cancellationToken,
            ct => certificates.SetCertificateAsync(app, summary, body.Certificate, body.Key, ct));
    }

    internal static Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> UnsetCertificate(
        string app, string? cname, HttpContext context, AppStore apps, AppCertificateStore certificates, AppOperationStarter starter, int? wait, CancellationToken cancellationToken) =>
        UnsetAsync(app, cname, context, apps, certificates, starter, wait, issuer: false, cancellationToken);

    internal static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> SetIssuer(
        string app, HttpContext context, AppStore apps, AppCertificateStore certificates, AppOperationStarter starter, int? wait, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<CertIssuerRequest>(context.Request, IssuerExample, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        if (body!.Issuer is not { } issuer || !IssuerName().IsMatch(issuer))
        {
            return ApiProblems.Invalid($"'issuer' must name a cert-manager ClusterIssuer: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit. Example: {IssuerExample}");
        }

        var (cname, cnameProblem) = await CnameOfAsync(apps, app, body.Cname, cancellationToken);
        if (cnameProblem is not null)
        {
            return cnameProblem;
        }

        return await StartAsync(starter, context, app, $"set the cert-manager issuer of {cname} to {issuer}", wait, cancellationToken,
            ct => certificates.SetIssuerAsync(app, cname!, issuer, ct));
    }

    internal static Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> UnsetIssuer(
        string app, string? cname, HttpContext context, AppStore apps, AppCertificateStore certificates, AppOperationStarter starter, int? wait, CancellationToken cancellationToken) =>
        UnsetAsync(app, cname, context, apps, certificates, starter, wait, issuer: true, cancellationToken);

    private static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> UnsetAsync(
        string app, string? cname, HttpContext context, AppStore apps, AppCertificateStore certificates, AppOperationStarter starter, int? wait, bool issuer, CancellationToken cancellationToken)
    {
        var (name, problem) = await CnameOfAsync(apps, app, cname, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var current = await certificates.GetAsync(app, name!, cancellationToken);
        var has = issuer ? current?.CertIssuer is not null : current is { CertIssuer: null };
        if (!has)
        {
            return ApiProblems.Invalid(issuer
                ? $"'cname': '{name}' has no cert-manager issuer; GET /api/v1/apps/{app}/certificate lists what each cname has."
                : $"'cname': '{name}' has no certificate; GET /api/v1/apps/{app}/certificate lists what each cname has.");
        }

        return await StartAsync(starter, context, app, issuer ? $"unset the cert-manager issuer of {name}" : $"unset the certificate of {name}", wait, cancellationToken,
            ct => certificates.RemoveAsync(app, name!, ct));
    }

    /// <summary>The cname, when the app exists and has it: a certificate only serves a host the app answers to.</summary>
    private static async Task<(string? Cname, ProblemHttpResult? Problem)> CnameOfAsync(AppStore apps, string app, string? cname, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(cname))
        {
            return (null, ApiProblems.Invalid("'cname' is missing: name one of the app's cnames (add it first with POST /api/v1/apps/{app}/cname)."));
        }

        if (await apps.GetAsync(app, cancellationToken) is not { } found)
        {
            return (null, AppProblems.NoApp(app));
        }

        if (!found.CNames.Contains(cname, StringComparer.Ordinal))
        {
            return (null, ApiProblems.Invalid(found.CNames.Count == 0
                ? $"'cname': app '{app}' has no cname '{cname}'; it has none. Add it first with POST /api/v1/apps/{app}/cname."
                : $"'cname': app '{app}' has no cname '{cname}'; it has {string.Join(", ", found.CNames)}."));
        }

        return (cname, null);
    }

    private static async Task<Results<Accepted<AppOperationResponse>, ProblemHttpResult>> StartAsync(
        AppOperationStarter starter, HttpContext context, string app, string message, int? wait, CancellationToken cancellationToken, Func<CancellationToken, Task> change)
    {
        try
        {
            return await AppOperationResults.StartAsync(
                starter, context, app, AppOperationKinds.Certificate, DeployOrigins.AppDeploy, message, null, null, null, wait, cancellationToken, change);
        }
        catch (AppNotFoundException)
        {
            return AppProblems.NoApp(app);
        }
    }

    /// <summary>A Kubernetes object name (RFC 1123 subdomain), as a ClusterIssuer's is.</summary>
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IssuerName();
}
