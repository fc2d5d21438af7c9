using Stratus.Identity.Principals;
using Stratus.Testing;
using Stratus.Testing.Storage;

namespace Stratus.Identity.Tests.Stores;

/// <summary>
/// Password hashing costs 600,000 PBKDF2 iterations a call, so only one test here sets a password and it verifies once
/// (PasswordHasherTests covers wrong passwords); the other refusals here never reach the hash.
/// </summary>
public abstract class UserStoreTests(StorageBackend backend)
{
    private readonly IdentityStores _stores = new(backend.Account);

    private User NewUser(params string[] groups) =>
        new(UniqueNames.Next("u"), "Alice", "alice@example.com", User.LocalSource, false, _stores.Clock.GetUtcNow(), "admin", groups);

    [Fact]
    public async Task CreateAsync_NewUser_IsReadBackAndASecondCreateIsRefused()
    {
        var ct = TestTimeout.Token();
        var user = NewUser("g1", "g2");

        Assert.True(await _stores.Users.CreateAsync(user, password: null, ct));
        var read = await _stores.Users.GetAsync(user.Name, ct);

        Assert.NotNull(read);
        Assert.Equal(user.Name, read.Name);
        Assert.Equal(user.DisplayName, read.DisplayName);
        Assert.Equal(user.Email, read.Email);
        Assert.Equal(User.LocalSource, read.Source);
        Assert.False(read.Disabled);
        Assert.Equal(user.CreatedAt, read.CreatedAt);
        Assert.Equal(user.Groups, read.Groups);
        Assert.False(await _stores.Users.CreateAsync(user, password: null, ct));
    }

    [Fact]
    public async Task VerifyPasswordAsync_RightPasswordUnknownUserAndDisabled_OnlyRightAndEnabledPasses()
    {
        var ct = TestTimeout.Token();
        var user = NewUser();
        const string Password = "a long enough password";
        await _stores.Users.CreateAsync(user, Password, ct);

        Assert.True(await _stores.Users.VerifyPasswordAsync(user.Name, Password, ct));
        Assert.False(await _stores.Users.VerifyPasswordAsync(UniqueNames.Next("u"), Password, ct));
        Assert.DoesNotContain(await _stores.RowsAsync("user", ct), e => e.Any(p => p.Value is string s && s.Contains(Password, StringComparison.Ordinal)));

        await _stores.Users.UpdateAsync(user.Name, null, null, disabled: true, null, ct);
        Assert.False(await _stores.Users.VerifyPasswordAsync(user.Name, Password, ct));
    }

    [Fact]
    public async Task VerifyPasswordAsync_UserWithoutPassword_IsFalse()
    {
        var ct = TestTimeout.Token();
        var user = NewUser();
        await _stores.Users.CreateAsync(user, password: null, ct);

        Assert.False(await _stores.Users.VerifyPasswordAsync(user.Name, "any password at all", ct));
    }

    [Fact]
    public async Task UpdateAsync_SomeFields_ChangesThoseAndKeepsTheRest()
    {
        var ct = TestTimeout.Token();
        var user = NewUser("g1");
        await _stores.Users.CreateAsync(user, password: null, ct);

        var updated = await _stores.Users.UpdateAsync(user.Name, "Alice B.", email: null, disabled: true, password: null, ct);

        Assert.NotNull(updated);
        Assert.Equal("Alice B.", updated.DisplayName);
        Assert.Equal(user.Email, updated.Email);
        Assert.True(updated.Disabled);
        Assert.Equal(user.Groups, updated.Groups);
        Assert.Null(await _stores.Users.UpdateAsync(UniqueNames.Next("u"), "x", null, null, null, ct));
    }

    [Fact]
    public async Task RecordOidcSignInAsync_NewThenChangedGroups_CreatesThenUpdatesGroups()
    {
        var ct = TestTimeout.Token();
        var name = UniqueNames.Next("u");

        var created = await _stores.Users.RecordOidcSignInAsync(name, "Bob", "bob@example.com", ["g1"], _stores.Clock.GetUtcNow(), ct);
        var again = await _stores.Users.RecordOidcSignInAsync(name, "Bob", "bob@example.com", ["g2", "g3"], _stores.Clock.GetUtcNow(), ct);

        Assert.NotNull(created);
        Assert.Equal(User.OidcSource, created.Source);
        Assert.Equal(["g1"], created.Groups);
        Assert.NotNull(again);
        Assert.Equal(["g2", "g3"], again.Groups);
        Assert.Equal(["g2", "g3"], (await _stores.Users.GetAsync(name, ct))!.Groups);
    }

    [Fact]
    public async Task RecordOidcSignInAsync_DisabledUser_StaysDisabledWithItsGroups()
    {
        var ct = TestTimeout.Token();
        var name = UniqueNames.Next("u");
        await _stores.Users.RecordOidcSignInAsync(name, "Bob", null, ["g1"], _stores.Clock.GetUtcNow(), ct);
        await _stores.Users.UpdateAsync(name, null, null, disabled: true, null, ct);

        var again = await _stores.Users.RecordOidcSignInAsync(name, "Bob", null, ["g2"], _stores.Clock.GetUtcNow(), ct);

        Assert.NotNull(again);
        Assert.True(again.Disabled);
        Assert.Equal(["g1"], (await _stores.Users.GetAsync(name, ct))!.Groups);
        Assert.True((await _stores.Users.GetAsync(name, ct))!.Disabled);
    }

    [Fact]
    public async Task RecordOidcSignInAsync_LocalUsersName_IsRefused()
    {
        var ct = TestTimeout.Token();
        var local = NewUser("g1");
        await _stores.Users.CreateAsync(local, password: null, ct);

        Assert.Null(await _stores.Users.RecordOidcSignInAsync(local.Name, "Mallory", null, ["admins"], _stores.Clock.GetUtcNow(), ct));

        var read = await _stores.Users.GetAsync(local.Name, ct);
        Assert.Equal(User.LocalSource, read!.Source);
        Assert.Equal(["g1"], read.Groups);
    }

    [Fact]
    public async Task DeleteAsync_User_RemovesIt()
    {
        var ct = TestTimeout.Token();
        var user = NewUser();
        await _stores.Users.CreateAsync(user, password: null, ct);

        Assert.True(await _stores.Users.DeleteAsync(user.Name, ct));

        Assert.Null(await _stores.Users.GetAsync(user.Name, ct));
        Assert.False(await _stores.Users.DeleteAsync(user.Name, ct));
    }
}

public sealed class EmbeddedUserStoreTests(EmbeddedStorageBackend backend) : UserStoreTests(backend), IClassFixture<EmbeddedStorageBackend>;

public sealed class AzuriteUserStoreTests(AzuriteStorageBackend backend) : UserStoreTests(backend), IClassFixture<AzuriteStorageBackend>;
