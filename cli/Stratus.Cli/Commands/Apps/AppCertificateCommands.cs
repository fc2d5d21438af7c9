using System.CommandLine;
using System.Globalization;
using Stratus.Cli.Api;
using Stratus.Cli.Output;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// <c>stratus app certificate set|unset|list</c> (Tsuru's <c>certificate</c> and <c>cname cert-issuer</c>): HTTPS for an
/// app's cnames, from PEM files or from a cert-manager issuer (<c>--issuer</c>). Each change re-routes the app and is followed.
/// </summary>
internal static class AppCertificateCommands
{
    public static Command Create(CliContext context) => new("certificate", "Manages the HTTPS certificates of an app's cnames.")
    {
        Set(context),
        Unset(context),
        List(context),
    };

    private static Command Set(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var cname = new Argument<string>("cname") { Description = "One of the app's cnames, such as www.example.com." };
        var certificate = new Argument<FileInfo?>("certificate") { Description = "The certificate chain, PEM (server certificate first).", Arity = ArgumentArity.ZeroOrOne };
        var key = new Argument<FileInfo?>("key") { Description = "The certificate's private key, PEM, unencrypted.", Arity = ArgumentArity.ZeroOrOne };
        var issuer = new Option<string?>("--issuer", "-i") { Description = "A cert-manager ClusterIssuer that gets the certificate instead of files." };
        var wait = WaitOption();
        var command = new Command("set", "Sets a cname's certificate from PEM files, or a cert-manager issuer for it, and re-routes the app.") { name, cname, certificate, key, issuer, wait };
        command.Validators.Add(result =>
        {
            var hasFiles = result.GetValue(certificate) is not null || result.GetValue(key) is not null;
            if (result.GetValue(issuer) is not null ? hasFiles : result.GetValue(certificate) is null || result.GetValue(key) is null)
            {
                result.AddError("Give the certificate and key files, or --issuer, not both.");
            }
        });
        context.SetAction(command, async (call, ct) =>
        {
            var app = call.Get(name);
            var path = (string resource) => ApiPath.WithQuery(ApiPath.Of("apps", app, resource), ("wait", Wait(call.Get(wait))));
            if (call.Get(issuer) is { } given)
            {
                return await AppOperation.RunAsync(call, HttpMethod.Put, app, path("certissuer"), new { cname = call.Get(cname), issuer = given }, ct);
            }

            var body = new
            {
                cname = call.Get(cname),
                certificate = await ReadAsync(call.Get(certificate)!, ct),
                key = await ReadAsync(call.Get(key)!, ct),
            };
            return await AppOperation.RunAsync(call, HttpMethod.Put, app, path("certificate"), body, ct);
        });
        return command;
    }

    private static Command Unset(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var cname = new Argument<string>("cname") { Description = "The cname whose certificate goes." };
        var issuer = new Option<bool>("--issuer", "-i") { Description = "Unset the cname's cert-manager issuer instead of its certificate." };
        var wait = WaitOption();
        var command = new Command("unset", "Removes a cname's certificate (or, with --issuer, its cert-manager issuer) and re-routes the app.") { name, cname, issuer, wait };
        context.SetAction(command, (call, ct) =>
        {
            var app = call.Get(name);
            var path = ApiPath.WithQuery(ApiPath.Of("apps", app, call.Get(issuer) ? "certissuer" : "certificate"), ("cname", call.Get(cname)), ("wait", Wait(call.Get(wait))));
            return AppOperation.RunAsync(call, HttpMethod.Delete, app, path, null, ct);
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var command = new Command("list", "Lists the certificates of an app's cnames: subject, issuer and expiry, or the cert-manager issuer.") { name };
        context.SetAction(command, async (call, ct) =>
        {
            var app = call.Get(name);
            var certificates = await call.Client.Call((c, ct) => c.Api.V1.Apps[app].Certificate.GetAsync(cancellationToken: ct), ct);
            call.Output.Show(certificates, c => c.Count == 0
                ? new Spectre.Console.Markup($"[grey]No cname of {Spectre.Console.Markup.Escape(app)} has a certificate.[/]{Environment.NewLine}")
                : CliOutput.Table(["Cname", "Subject", "Issuer", "Expires", "cert-manager issuer"],
                    c.Select(x => new[] { x.Cname, Cells.Text(x.Subject), Cells.Text(x.Issuer), x.NotAfter is null ? Cells.None : Cells.Time(x.NotAfter), Cells.Text(x.CertIssuer) })));
        });
        return command;
    }

    private static Option<int?> WaitOption() =>
        new("--wait", "-w") { Description = "If another operation holds the app, wait up to this many seconds for it (at most 300)." };

    private static string? Wait(int? seconds) => seconds?.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CliException($"There is no file {file.FullName}.", "Give the path of a PEM file.");
        }

        return await File.ReadAllTextAsync(file.FullName, cancellationToken);
    }
}
