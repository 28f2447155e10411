import SvgIcon, { type SvgIconProps } from '@material-ui/core/SvgIcon';

/**
 * tofUI's icon (a stack of layers: infrastructure runs), e.g. for a sidebar
 * item in a legacy app.
 *
 * @public
 */
export const TofuiIcon = (props: SvgIconProps) => (
  <SvgIcon {...props}>
    <path d="M12 2 2 7l10 5 10-5-10-5Zm-8.2 9.1L2 12l10 5 10-5-1.8-.9L12 15l-8.2-3.9Zm0 5L2 17l10 5 10-5-1.8-.9L12 20l-8.2-3.9Z" />
  </SvgIcon>
);
