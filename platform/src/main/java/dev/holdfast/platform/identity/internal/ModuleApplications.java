package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.ApplicationSource;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.shared.web.NavigationItem;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Holdfast's own modules as application tiles: the main navigation's entries this user may see. */
@Component
class ModuleApplications implements ApplicationSource {

    private final List<NavigationItem> navigation;

    ModuleApplications(List<NavigationItem> navigation) {
        this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
    }

    @Override
    public String id() {
        return "modules";
    }

    @Override
    public List<ApplicationTile> applicationsFor(UserAccount user) {
        return navigation.stream()
                .filter(item -> user.administrator() || !item.adminOnly())
                .filter(item -> !item.path().startsWith(AccountController.BASE))
                .map(item -> new ApplicationTile(item.label(), item.path(), "Part of Holdfast"))
                .toList();
    }
}
