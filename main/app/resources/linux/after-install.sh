#!/bin/bash
# Ringfence .deb post-install. Replaces electron-builder's default after-install script, so its steps come
# first, unchanged (the /usr/bin link, the chrome-sandbox mode, desktop databases, the AppArmor profile);
# then the udev rule for known modems. electron-builder fills in the ${...} names; shell variables here are
# written without braces for that reason.

if type update-alternatives >/dev/null 2>&1; then
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# The SUID sandbox helper only where unprivileged user namespaces do not work.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  fi
fi

# Ringfence: access to known modems for the logged-in user, and ModemManager kept off them.
RULE_SOURCE='/opt/${sanitizedProductName}/resources/udev/60-ringfence-modems.rules'
RULE_TARGET='/etc/udev/rules.d/60-ringfence-modems.rules'
if [ -f "$RULE_SOURCE" ] && [ -d /etc/udev/rules.d ]; then
    install -m 0644 "$RULE_SOURCE" "$RULE_TARGET"
    if hash udevadm 2>/dev/null && ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; }; then
        # Apply to a modem that is already plugged in, without a reboot or replug.
        udevadm control --reload-rules || true
        udevadm trigger --action=change --subsystem-match=usb --subsystem-match=tty || true
    fi
fi
exit 0
