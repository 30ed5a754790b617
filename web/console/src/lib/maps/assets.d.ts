// Leaflet's marker images and style sheets, bundled by Vite (images as URLs, or data: URIs when small)
declare module '*.png' {
  const url: string;
  export default url;
}
declare module '*.css';
