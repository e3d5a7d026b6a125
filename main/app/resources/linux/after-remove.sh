#!/bin/bash
# Ringfence .deb post-remove: electron-builder's default steps, then the udev rule goes too. (On an
# upgrade dpkg runs this before the new version's after-install, which puts the rule back.)

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi

RULE_TARGET='/etc/udev/rules.d/60-ringfence-modems.rules'
if [ -f "$RULE_TARGET" ]; then
    rm -f "$RULE_TARGET"
    if hash udevadm 2>/dev/null && ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; }; then
        udevadm control --reload-rules || true
    fi
fi
exit 0
